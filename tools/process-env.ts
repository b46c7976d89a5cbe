// The start-up tools' side of the environment: they bring up local services and export their addresses
// to this process and its children. The app only reads the environment, through server/env.ts.
// Edit when a tool needs another way to hand settings on.
import { childEnv, forgetEnv } from '@/server/env';

/** Sets variables for this process and the children it starts (the tools that start local services use it). */
export function setEnv(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) process.env[k] = v;
  forgetEnv();
}

/** Removes variables from this process's environment (tests that need a setting unset). */
export function unsetEnv(names: string[]): void {
  for (const k of names) delete process.env[k];
  forgetEnv();
}

/** The environment as a plain record, to pass to a child process. */
export function processEnv(): NodeJS.ProcessEnv {
  return childEnv();
}
