import { AppError } from '../../errors.js';
import { readPeerProfile, setPeerSet, setResponseTarget } from '../../store/peers.js';
import type { Command } from '../command.js';
import { requireOpt, stringOpt } from '../parse.js';
import { MUNICIPALITY_CODE, municipalityCodeOpt, unknownMunicipality } from '../municipality-opt.js';
import { withRuntime } from '../with-runtime.js';

/** `--peers 1103,4601` → codes; `none` → an empty set. */
function peersOpt(v: string): string[] {
  if (v.trim() === 'none') return [];
  const codes = v
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const bad = codes.find((c) => !MUNICIPALITY_CODE.test(c));
  if (bad !== undefined || codes.length === 0) {
    throw new AppError('USAGE', `municipality set: --peers expects comma-separated 4-digit codes such as 1103,4601 (or none), got '${v}'`);
  }
  if (codes.length > 100) throw new AppError('USAGE', 'municipality set: --peers takes at most 100 municipalities');
  return codes;
}

/** `--response-target 4` office hours (0.25–168), or `default` (one office day). */
function targetOpt(v: string): number | null {
  if (v.trim() === 'default') return null;
  const h = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(h >= 0.25 && h <= 168)) {
    throw new AppError('USAGE', `municipality set: --response-target expects office hours between 0.25 and 168 (or default), got '${v}'`);
  }
  return h;
}

export const municipalitySetCommand: Command = {
  path: ['municipality', 'set'],
  summary: 'set a municipality’s own peer set and response target (shown in its report and dashboard)',
  usage: 'municipality set --municipality 0301 [--peers 1103,4601,5001|none] [--response-target <office hours>|default]',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'municipality code, e.g. 0301' },
    peers: {
      type: 'string',
      valueName: '<codes>',
      description: 'the municipalities it compares itself with (replaces the set; none clears it)',
    },
    'response-target': {
      type: 'string',
      valueName: '<hours>',
      description: 'answer questions within this many office hours',
      default: 'one office day',
    },
  },
  details:
    'The peer set is a comparison group of its own next to county, size band and the whole country; a group with\n' +
    'fewer than 5 municipalities with figures is not shown. The response target is drawn on the response-time\n' +
    'chart and counted as "N av M innen målet" in the weekly report.',
  async run(args, ctx) {
    const municipality = requireOpt(this, args, 'municipality');
    municipalityCodeOpt('municipality set', municipality);
    const peersArg = stringOpt(args, 'peers');
    const targetArg = stringOpt(args, 'response-target');
    if (peersArg === undefined && targetArg === undefined)
      throw new AppError('USAGE', 'municipality set: give --peers and/or --response-target');
    const peers = peersArg === undefined ? undefined : peersOpt(peersArg);
    const target = targetArg === undefined ? undefined : targetOpt(targetArg);
    return withRuntime(ctx, async (rt) => {
      if (!(await readPeerProfile(rt.db, municipality))) {
        throw unknownMunicipality('municipality set', municipality);
      }
      if (peers !== undefined) await setPeerSet(rt.db, municipality, peers);
      if (target !== undefined) await setResponseTarget(rt.db, municipality, target);
      const p = await readPeerProfile(rt.db, municipality);
      ctx.stdout.write(
        `${municipality}: peers ${p?.chosen.length ? p.chosen.join(',') : 'none'}; response target ${p?.responseTargetOfficeHours ?? 'one office day'}${p?.responseTargetOfficeHours ? ' office hours' : ''}\n`,
      );
      return 0;
    });
  },
};
