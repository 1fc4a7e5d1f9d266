import type { Command } from './command.js';

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: lyttepost ${cmd.usage}`, '', cmd.summary];
  const opts = Object.entries(cmd.options);
  if (opts.length > 0) {
    lines.push('', 'Options:');
    const rows = opts.map(([name, o]) => {
      const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? '<value>'}` : ''}`;
      return [flag, `${o.description}${o.default !== undefined ? ` (default: ${o.default})` : ''}`] as const;
    });
    rows.push(['-h, --help', 'show this help']);
    const width = Math.max(...rows.map(([f]) => f.length));
    for (const [f, d] of rows) lines.push(`  ${f.padEnd(width)}  ${d}`);
  }
  if (cmd.details) lines.push('', cmd.details);
  return lines.join('\n') + '\n';
}

export function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return [
    'Usage: lyttepost <command> [options]',
    '',
    'Lyttepost measures whether municipalities use social media as a megaphone or a hearing aid.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `lyttepost <command> --help` for the options of one command.',
    'Environment: see README.md (DATABASE_URL, REDIS_URL, LYTTEPOST_DATA_DIR, LYTTEPOST_SECRET, …).',
    '',
  ].join('\n');
}
