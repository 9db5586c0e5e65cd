import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError, cliConfig, withApp, withDatabase } from '../context.js';
import { Progress } from '../progress.js';

export interface ExportOptions {
  format: 'csv' | 'xlsx';
  out?: string;
  query?: string[];
  as?: string;
}

/** `name=value` pairs into a query string; a pair without `=` is a usage error. */
function queryString(pairs: string[], format: string): string {
  const params = new URLSearchParams();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new CliError(`--query takes name=value, not ${pair}`);
    params.append(pair.slice(0, at), pair.slice(at + 1));
  }
  params.set('format', format);
  return params.toString();
}

function attachmentName(disposition: string | undefined): string | undefined {
  const match = /filename="?([^";]+)"?/.exec(disposition ?? '');
  return match?.[1] ? path.basename(match[1]) : undefined;
}

/**
 * `raktar export <list>`: what `GET /api/v1/<list>?format=` answers, streamed into a file, as the
 * first active administrator (or `--as`). The export is audited as the API audits a download.
 */
export async function exportList(list: string, options: ExportOptions): Promise<void> {
  const config = cliConfig();
  const url = `/api/v1/${list.replace(/^\/+|\/+$/g, '').replace(/^api\/v1\//, '')}?${queryString(options.query ?? [], options.format)}`;
  await withDatabase(config, (database) =>
    withApp(
      database,
      config,
      async ({ app, token }) => {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${token}`, 'accept-language': config.defaultLocale },
          payloadAsStream: true,
        });
        const body = res.stream() as Readable;
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = [];
          for await (const chunk of body) chunks.push(Buffer.from(chunk));
          const text = Buffer.concat(chunks).toString('utf8');
          let detail = text;
          try {
            detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
          } catch {
            // Not JSON: the text itself.
          }
          throw new CliError(`GET ${url} answered ${res.statusCode}: ${detail}`);
        }
        const file = options.out ?? attachmentName(res.headers['content-disposition'] as string | undefined);
        if (!file) throw new CliError(`GET ${url} is not an export (no file name); give --out`);
        const progress = new Progress('written', 'bytes');
        let bytes = 0;
        body.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          progress.set(bytes);
        });
        await pipeline(body, createWriteStream(file));
        progress.finish();
        console.log(`raktar: wrote ${file} (${bytes.toLocaleString('en')} bytes)`);
      },
      options.as ? { as: options.as } : {},
    ),
  );
}
