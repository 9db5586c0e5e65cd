import { useTranslation } from 'react-i18next';
import { Button } from './ui/button';

export type DownloadFormat = 'csv' | 'xlsx';

/** The CSV and Excel export buttons of a report or list; disabled while a file is being made. */
export function DownloadButtons({
  download,
}: {
  download: { isPending: boolean; mutate: (format: DownloadFormat) => void };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button variant="outline" disabled={download.isPending} onClick={() => download.mutate('csv')}>
        {t('reports.csv')}
      </Button>
      <Button variant="outline" disabled={download.isPending} onClick={() => download.mutate('xlsx')}>
        {t('reports.xlsx')}
      </Button>
    </>
  );
}
