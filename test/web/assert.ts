// The few assertions the extension-host suites use, with no Node module behind them: the browser's web worker
// extension host has no `assert`, and the checks both hosts share (./checks.ts) must run in either.

export class AssertionError extends Error {}

function fail(message: string): never {
  throw new AssertionError(message);
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message ?? `expected a truthy value, got ${String(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected))
    fail(`${message ? message + ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function deepStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${message ? message + ': ' : ''}expected ${e}, got ${a}`);
}

export function match(actual: string, re: RegExp, message?: string): void {
  if (!re.test(actual)) fail(message ?? `expected ${JSON.stringify(actual.slice(0, 400))} to match ${re}`);
}
