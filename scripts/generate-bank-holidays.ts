import { writeFileSync } from 'node:fs';
import { renderBankHolidays } from './render-bank-holidays';

/** Writes the bank-holiday table the calendar reads, so the Lambdas need not ship date-holidays: npm run holidays. */
writeFileSync(new URL('../domain/bank-holidays.generated.ts', import.meta.url), renderBankHolidays());
console.log('wrote domain/bank-holidays.generated.ts');
