/** `import pack from '…/pack.json?page'`: the page pack of a pack file, made at build time (see `modules/page-pack.ts`). */
declare module '*pack.json?page' {
  const pack: import('./page-pack').PagePack;
  export default pack;
}
