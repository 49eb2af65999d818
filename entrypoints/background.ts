export default defineBackground(() => {
  // wiring comes later
});
