// Runs `baton` under a pseudo-terminal with util-linux `script`, so stdin and stderr are terminals as a person has them.
import { BIN, type Running, startBaton } from './baton';

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** `script -qefc`: quiet, exit with the child's status, flush at once; a fixed 100-column terminal. */
export function startBatonInTerminal(args: string[], env: Record<string, string> = {}): Running {
  const command = `stty cols 100 rows 40; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  return startBaton([], {
    env: { TERM: 'xterm-256color', ...env },
    command: ['script', '-qefc', command, '/dev/null'],
  });
}
