/**
 * `import knowledge from '…/pack.json?page'`: the page knowledge of a pack file (names and precompiled matcher
 * tables), made at build time (see `modules/page-pack.ts`).
 */
declare module '*pack.json?page' {
  const knowledge: import('./page-pack').PageKnowledge;
  export default knowledge;
}
