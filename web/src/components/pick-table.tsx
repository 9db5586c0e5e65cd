import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table';

/** One place stock is taken from (or is to be): a bin, a lot, its expiry and how much. */
export interface Pick {
  key: string;
  sku?: string;
  name?: string;
  binCode: string;
  lotNumber: string | null;
  expiry: string | null;
  /** Taken from stock: shown without its sign. */
  quantity: number;
}

interface PickTableProps {
  picks: Pick[];
  label: string;
  /** The label shown above the table, not only named to assistive technology. */
  caption?: boolean;
  withSku?: boolean;
  withName?: boolean;
}

/**
 * Picks as a table, in the order given: planned (an issue's FEFO preview, a pick list) or made
 * (what a posting took).
 */
export function PickTable({ picks, label, caption, withSku, withName }: PickTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table aria-label={label} className={caption ? 'caption-top' : undefined}>
      {caption ? <caption className="mb-2 text-left text-sm font-semibold">{label}</caption> : null}
      <TableHeader>
        <TableRow>
          {withSku ? <TableHead>{t('sales.columns.sku')}</TableHead> : null}
          {withName ? <TableHead>{t('sales.columns.product')}</TableHead> : null}
          <TableHead>{t('stock.bin')}</TableHead>
          <TableHead>{t('stock.lot')}</TableHead>
          <TableHead>{t('stock.expiry')}</TableHead>
          <TableHead className="text-right">{t('stock.quantity')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {picks.map((pick) => (
          <TableRow key={pick.key}>
            {withSku ? <TableCell>{pick.sku}</TableCell> : null}
            {withName ? <TableCell>{pick.name}</TableCell> : null}
            <TableCell>{pick.binCode}</TableCell>
            <TableCell>{pick.lotNumber ?? ''}</TableCell>
            <TableCell>{format.date(pick.expiry)}</TableCell>
            <TableCell className="text-right">{format.quantity(Math.abs(pick.quantity))}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
