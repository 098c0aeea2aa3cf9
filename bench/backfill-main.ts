// Runs the backfill benchmark alone: `node --import tsx bench/backfill-main.ts`.
import { runBackfillBench } from './backfill.ts';

runBackfillBench().then(
  (r) => {
    console.log(JSON.stringify(r));
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
