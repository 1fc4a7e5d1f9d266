import { classifyLines } from '../../classifier/stream.js';
import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import type { Command } from '../command.js';
import { boolOpt } from '../parse.js';

export const classifyCommand: Command = {
  path: ['classify'],
  summary: "classify residents' comments: one text per line on stdin, one JSON object per line on stdout",
  usage: 'classify [--reclassify]',
  options: {
    reclassify: {
      type: 'boolean',
      description: `re-run the classifier (version ${CLASSIFIER_VERSION}) and the topic classifier over every stored item instead of reading stdin, then recompute the weeks it changed`,
    },
  },
  details:
    'Output per line: {"text","needsAnswer","kind","lang","score","reasons","topics"} with kind in question, request,\n' +
    'complaint, other; topics = service topic ids, primary first, [] when about no service (docs/topics.md). Empty lines give an "other" object so output lines match input lines. Input is streamed;\n' +
    'a line that is not valid UTF-8 stops with an error naming it.\n\n' +
    'Example: echo "Når åpner bassenget igjen" | lyttepost classify',
  async run(args, ctx) {
    if (boolOpt(args, 'reclassify')) {
      // The database, queue and jobs load only here: classifying stdin needs none of them and starts faster.
      const [{ withRuntime }, { classifyItems }, { computeIndicators }] = await Promise.all([
        import('../with-runtime.js'),
        import('../../jobs/classify-items.js'),
        import('../../jobs/compute-indicators.js'),
      ]);
      return withRuntime(ctx, async (rt) => {
        const summary = await classifyItems({ reclassify: true }, rt);
        const computed = await computeIndicators({}, rt);
        ctx.stdout.write(`Reclassified ${summary.classified} item(s) with ${CLASSIFIER_VERSION}; recomputed ${computed.weeks} week(s).\n`);
        return 0;
      });
    }
    const { lines } = await classifyLines(ctx.stdin, ctx.stdout);
    if (lines === 0 && ctx.stdin === process.stdin && process.stdin.isTTY)
      ctx.stderr.write('No input: pipe one text per line into `lyttepost classify`.\n');
    return 0;
  },
};
