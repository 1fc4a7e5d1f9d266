import { userInfo } from 'node:os';

/** Who runs a CLI command, for the audit log: `cli:<os user>`. */
export function cliActor(env: NodeJS.ProcessEnv): string {
  let user = env.USER ?? env.LOGNAME;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `cli:${user.slice(0, 64)}`;
}
