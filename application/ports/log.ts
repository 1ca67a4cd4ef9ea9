/** The little a handler needs to say what it did. Fields carry ids only, never personal data. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** For tests and the local runtime, where warnings and errors still show but routine lines do not. */
export const quietLog: Log = {
  info: () => {},
  warn: (message, fields) => console.warn(message, JSON.stringify(fields ?? {})),
  error: (message, fields) => console.error(message, JSON.stringify(fields ?? {})),
};

/** For tests that assert on failures themselves and want a clean report. */
export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
