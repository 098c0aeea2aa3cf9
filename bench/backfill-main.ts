// Runs the backfill benchmark alone: `node --import tsx bench/backfill-main.ts` (same as `npm run bench -- backfill`).
import { runBackfillBench } from './backfill.ts';

runBackfillBench().then(
  (line) => {
    console.log(line);
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
