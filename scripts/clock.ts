import { ControllableClock, DEFAULT_DATA_DIR } from '../infra/local/clock';

/**
 * npm run clock -- show | advance <21d|6h|1w2d> | set <ISO instant> | reset
 * Moves the local runtime's clock; a running runtime picks the change up on its next tick.
 */
const [command = 'show', arg] = process.argv.slice(2);
const clock = new ControllableClock({ dataDir: process.env.IV_DATA_DIR ?? DEFAULT_DATA_DIR });
const show = (now: Date) => {
  const days = clock.offset() / 86_400_000;
  console.log(
    `local now: ${now.toISOString()} (${days >= 0 ? '+' : ''}${days.toFixed(2)} days from real time)`,
  );
};

switch (command) {
  case 'show':
    show(clock.now());
    break;
  case 'advance':
    if (!arg) throw new Error('usage: npm run clock -- advance 21d');
    show(clock.advance(arg));
    break;
  case 'set':
    if (!arg) throw new Error('usage: npm run clock -- set 2026-12-24T09:00:00Z');
    show(clock.setTo(new Date(arg)));
    break;
  case 'reset':
    show(clock.reset());
    break;
  default:
    console.error('usage: npm run clock -- show | advance <21d> | set <instant> | reset');
    process.exitCode = 2;
}
