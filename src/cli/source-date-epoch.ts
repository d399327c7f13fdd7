import { UsageError } from '../errors.js';

/**
 * SOURCE_DATE_EPOCH, when set, dates the packet instead of the clock: `build` writes the same
 * bytes, and `check` predicts the size of those bytes, whenever it is run.
 */
export function sourceDateEpochOption(): { sourceDateEpoch?: number } {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return {};
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new UsageError('USAGE_BAD_SOURCE_DATE_EPOCH', `SOURCE_DATE_EPOCH="${value}" is not a whole number of seconds`, {
      hint: 'Unset it, or set it to seconds since 1970, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).',
    });
  }
  return { sourceDateEpoch: seconds };
}
