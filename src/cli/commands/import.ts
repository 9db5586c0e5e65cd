import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, cliConfig, withApp, withDatabase } from '../context.js';

export interface ImportOptions {
  dryRun?: boolean;
  createCategories?: boolean;
  kind?: 'supplier' | 'customer';
  as?: string;
}

/** A `multipart/form-data` body with the file in the field `file`, as a browser form sends it. */
function multipart(file: string): { body: Buffer; contentType: string } {
  const boundary = `----raktar${randomUUID()}`;
  const name = path.basename(file).replace(/"/g, '');
  const type = name.toLowerCase().endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, readFileSync(file), tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

interface ImportAnswer {
  status?: string;
  rows_total?: number;
  created?: Record<string, number>;
  errors?: { row?: number; field?: string; message: string }[];
  detail?: string;
}

/**
 * `raktar import <kind> FILE`: `POST /api/v1/imports/<kind>` in-process, as the first active
 * administrator (or `--as`). The whole file is checked first; any problem imports nothing and is
 * listed, one line each. Large files are imported in this process, not by a background job.
 */
export async function importFile(kind: string, file: string, options: ImportOptions): Promise<void> {
  const loaded = cliConfig();
  // The command waits for the import itself: no background job, however many rows.
  const config = { ...loaded, importAsyncRows: loaded.importMaxRows };
  let content: ReturnType<typeof multipart>;
  try {
    content = multipart(file);
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const params = new URLSearchParams();
  if (options.dryRun) params.set('dry_run', 'true');
  if (options.createCategories) params.set('create_categories', 'true');
  if (options.kind) params.set('kind', options.kind);
  const url = `/api/v1/imports/${kind}${params.size ? `?${params}` : ''}`;
  await withDatabase(config, (database) =>
    withApp(
      database,
      config,
      async ({ app, token }) => {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': content.contentType,
            'accept-language': config.defaultLocale,
          },
          payload: content.body,
        });
        const answer = res.json() as ImportAnswer;
        for (const problem of answer.errors ?? []) {
          const where = [problem.row !== undefined ? `row ${problem.row}` : '', problem.field ?? '']
            .filter(Boolean)
            .join(', ');
          console.log(`  ${where ? `${where}: ` : ''}${problem.message}`);
        }
        if (res.statusCode >= 300) {
          throw new CliError(`import of ${file} refused (${res.statusCode}): ${answer.detail ?? res.body}`);
        }
        const created = Object.entries(answer.created ?? {})
          .filter(([, n]) => n > 0)
          .map(([what, n]) => `${n} ${what}`)
          .join(', ');
        console.log(
          `raktar: ${options.dryRun ? 'checked' : 'imported'} ${file}: ${answer.rows_total ?? 0} row(s)` +
            `${created ? `; ${options.dryRun ? 'would create' : 'created'} ${created}` : ''}`,
        );
      },
      options.as ? { as: options.as } : {},
    ),
  );
}
