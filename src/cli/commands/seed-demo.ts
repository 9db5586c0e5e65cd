import { DemoNotEmptyError, demoSummaryLine, seedDemo } from '../../demo/seed-demo.js';
import { ensureFirstAdmin } from '../../modules/identity/index.js';
import { CliError, cliConfig, databaseLabel, withApp, withDatabase } from '../context.js';
import { Progress } from '../progress.js';

/** `raktar seed:demo`: the demo site, into an empty database only. */
export async function seedDemoCommand(): Promise<void> {
  const config = cliConfig();
  const progress = new Progress('demo', 'steps');
  const summary = await withDatabase(config, async (database) => {
    // A demo on a new database needs its administrator, as the first start makes one.
    const admin = await ensureFirstAdmin(database.db, config);
    if (admin?.generatedPassword) {
      console.log(
        `  First administrator created.\n    username: ${admin.username}\n    password: ${admin.generatedPassword}`,
      );
    }
    return withApp(database, config, async ({ app, token }) => {
      try {
        return await seedDemo(app, token, { onStep: (done) => progress.set(done) });
      } catch (error) {
        if (error instanceof DemoNotEmptyError) throw new CliError(error.message);
        throw error;
      }
    });
  });
  progress.finish();
  console.log(`raktar: ${demoSummaryLine(summary)} into the ${databaseLabel(config)} database`);
}
