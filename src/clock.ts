/** Time is a parameter: everything that needs "now" receives a Clock. Tests pass a fixed one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** A clock frozen at `at`, or advanced by hand. */
export function fixedClock(at: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  const clock = (() => new Date(t)) as Clock & { set(d: Date | string): void; advance(ms: number): void };
  clock.set = (d) => {
    t = new Date(d).getTime();
  };
  clock.advance = (ms) => {
    t += ms;
  };
  return clock;
}
