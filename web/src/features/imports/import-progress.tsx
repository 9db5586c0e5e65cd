import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../api/client';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { useFormat } from '../../lib/format';

export type ImportJob = ResponseOf<'/api/v1/imports/{id}', 'get'>;
export interface RowError {
  row?: number | undefined;
  column?: string | null | undefined;
  message: string;
}

/** The problems of a file, each with its row (the header is row 1) and column. */
export function RowErrors({ errors }: { errors: readonly RowError[] }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('imports.errorsTable')}>
      <TableHeader>
        <TableRow>
          <TableHead className="text-right">{t('imports.row')}</TableHead>
          <TableHead>{t('imports.column')}</TableHead>
          <TableHead>{t('imports.message')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {errors.map((error, i) => (
          // Problems have no id; the list is shown once and never reordered.
          // biome-ignore lint/suspicious/noArrayIndexKey: row and column together may repeat
          <TableRow key={i}>
            <TableCell className="text-right">{error.row ?? '—'}</TableCell>
            <TableCell>{error.column ?? '—'}</TableCell>
            <TableCell className="whitespace-normal">{error.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What was created, e.g. "products: 2, categories: 1". */
export function useCreatedText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (created: Record<string, number> | null | undefined) =>
    Object.entries(created ?? {})
      .map(
        ([what, count]) => `${t(`imports.created.${what}`, { defaultValue: what })}: ${format.number(count)}`,
      )
      .join(', ');
}

/** An import under way: a progress bar of rows done, then what it created or why it failed. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = useFormat();
  const createdText = useCreatedText();
  const percent =
    job.status === 'done' ? 100 : job.rows_total > 0 ? Math.floor((job.rows_done / job.rows_total) * 100) : 0;
  return (
    <div className="flex flex-col gap-2" data-testid="import-progress">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span>
          {job.filename} · {t(`imports.status.${job.status}`)}
        </span>
        <span>
          {t('imports.rowsDone', {
            done: format.number(job.rows_done),
            total: format.number(job.rows_total),
          })}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={t('imports.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
        className="h-3 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={job.status === 'failed' ? 'h-full bg-destructive' : 'h-full bg-primary'}
          style={{ width: `${percent}%` }}
        />
      </div>
      {job.status === 'done' ? (
        <p role="status">{t('imports.done', { created: createdText(job.created) || '—' })}</p>
      ) : null}
      {job.status === 'failed' ? (
        <>
          <p role="alert" className="text-destructive">
            {t('imports.failed', { count: job.error_count })}
          </p>
          <RowErrors errors={job.errors} />
        </>
      ) : null}
    </div>
  );
}
