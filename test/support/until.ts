/** Waits for what can be observed, not for time: `check` runs until it holds (the test timeout bounds it too). */
export async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await check()); tries++) {
    if (tries > 1200) throw new Error(`never saw ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
