/**
 * dependency-cruiser configuration for the picture in docs/architecture.md (`npm run depgraph`). TypeScript 7
 * has no JavaScript API, so sources are parsed with swc; `.js` import specifiers resolve to their `.ts` files.
 */
module.exports = {
  forbidden: [],
  options: {
    parser: 'swc',
    includeOnly: '^src',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
