import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Bin, Product } from '../../api/queries';
import { useProductScan } from '../../api/use-product-scan';
import { BinPicker } from '../../components/bin-picker';
import { FormField, invalid } from '../../components/form-field';
import { LineHeader } from '../../components/line-header';
import { ScanField, type ScanFieldHandle } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { differenceOf, useBookedQuantity, useTargetBin } from './booked-quantity';
import { LotSuggestions } from './lot-suggestions';
import { plus, quantityOf } from './quantity';

interface Line {
  key: string;
  product: Product;
  lotNumber: string;
  counted: string;
}

type Counted = ResponseOf<'/api/v1/inventory/counts', 'post', 201>;

/** One counted line: what was counted, what the books say, and the difference that would post. */
function CountLine({
  index,
  line,
  warehouseId,
  bin,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  line: Line;
  warehouseId: string;
  bin: Bin | undefined;
  errors: Record<string, string>;
  onChange: (line: Line) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const formats = useFormat();
  const booked = useBookedQuantity(warehouseId, bin, line.product, line.lotNumber);
  const difference = differenceOf(line.counted, booked);
  const countedId = `counted-${index}`;
  const lotId = `count-lot-${index}`;
  const countedError = errors[`lines.${index}.counted_quantity`];
  const lotError = errors[`lines.${index}.lot_number`] ?? errors[`lines.${index}.lot_id`];
  return (
    <Card>
      <CardContent className="flex flex-col gap-3 pt-4">
        <LineHeader product={line.product} onRemove={onRemove} />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {line.product.tracking === 'lot' ? (
            <FormField id={lotId} label={t('stock.lot')} error={lotError}>
              <Input
                id={lotId}
                list={`${lotId}-lots`}
                autoComplete="off"
                value={line.lotNumber}
                onChange={(e) => onChange({ ...line, lotNumber: e.target.value })}
                {...invalid(lotId, lotError)}
              />
              <LotSuggestions
                id={`${lotId}-lots`}
                warehouseId={warehouseId}
                bin={bin}
                productId={line.product.id}
              />
            </FormField>
          ) : null}
          <FormField id={countedId} label={t('stockCount.counted')} error={countedError}>
            <Input
              id={countedId}
              inputMode="decimal"
              value={line.counted}
              onChange={(e) => onChange({ ...line, counted: e.target.value })}
              {...invalid(countedId, countedError)}
            />
          </FormField>
          <div className="flex flex-col gap-1.5 text-sm">
            <span className="font-medium">{t('stockCount.booked')}</span>
            <output className="h-10 py-2 tabular-nums" data-testid={`booked-${index}`}>
              {booked === undefined ? '—' : formats.quantity(booked.toString())}
            </output>
          </div>
          <div className="flex flex-col gap-1.5 text-sm">
            <span className="font-medium">{t('stockCount.difference')}</span>
            <output
              className={`h-10 py-2 font-semibold tabular-nums ${difference && !difference.isZero() ? 'text-destructive' : ''}`}
              data-testid={`difference-${index}`}
            >
              {difference === null ? '—' : formats.signed(difference.toString())}
            </output>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}

/** What the count posted, line by line. */
function CountResult({ result, products }: { result: Counted; products: Product[] }) {
  const { t } = useTranslation();
  const formats = useFormat();
  const changed = result.lines.filter((line) => line.difference !== 0).length;
  return (
    <Alert variant="success">
      <p className="font-semibold">{t('stockCount.posted', { count: changed })}</p>
      <Table aria-label={t('stockCount.resultTable')}>
        <TableHeader>
          <TableRow>
            <TableHead>{t('stockViews.product')}</TableHead>
            <TableHead>{t('stock.bin')}</TableHead>
            <TableHead className="text-right">{t('stockCount.booked')}</TableHead>
            <TableHead className="text-right">{t('stockCount.counted')}</TableHead>
            <TableHead className="text-right">{t('stockCount.difference')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {result.lines.map((line) => (
            <TableRow
              key={`${line.product_id}-${line.bin_id}-${line.lot_id ?? ''}`}
              data-testid="count-result"
            >
              <TableCell>{products.find((p) => p.id === line.product_id)?.sku}</TableCell>
              <TableCell>{line.bin_code}</TableCell>
              <TableCell className="text-right">{formats.quantity(line.previous_quantity)}</TableCell>
              <TableCell className="text-right">{formats.quantity(line.counted_quantity)}</TableCell>
              <TableCell className="text-right">{formats.signed(line.difference)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Alert>
  );
}

/**
 * A stocktake of one bin: scan what is on the shelf, type the counts, see against the books what
 * each line would change, then post every difference at once.
 */
export function CountPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const scanField = useRef<ScanFieldHandle>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [binId, setBinId] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [posted, setPosted] = useState<{ result: Counted; products: Product[] } | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const bin = useTargetBin(warehouseId, binId);

  const { notice, onScan } = useProductScan((product, scan) => {
    const lotNumber = scan.lot ?? '';
    const add = scan.quantity ?? '1';
    // Scanning the same item again counts it again.
    setLines((current) => {
      const same = current.findIndex(
        (l) => l.product.id === product.id && l.lotNumber.toLowerCase() === lotNumber.toLowerCase(),
      );
      if (same < 0) return [...current, { key: crypto.randomUUID(), product, lotNumber, counted: add }];
      return current.map((l, i) => (i === same ? { ...l, counted: plus(l.counted, add) } : l));
    });
    scanField.current?.focus();
  });

  const count = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/inventory/counts', {
          headers: { 'Idempotency-Key': key },
          body: {
            warehouse_id: warehouseId,
            ...(reference.trim() ? { reference_number: reference.trim() } : {}),
            lines: lines.map((line) => ({
              product_id: line.product.id,
              ...(binId ? { bin_id: binId } : {}),
              ...(line.lotNumber.trim() ? { lot_number: line.lotNumber.trim() } : {}),
              counted_quantity: quantityOf(line.counted),
            })),
          },
        }),
      ),
    onSuccess: (result) => {
      setPosted({ result, products: lines.map((line) => line.product) });
      setLines([]);
      setReference('');
      renewKey();
      void queryClient.invalidateQueries();
      scanField.current?.focus();
    },
  });
  const fields = fieldErrorsOf(count.error);
  const binError = fields.bin_id ?? Object.entries(fields).find(([field]) => field.endsWith('.bin_id'))?.[1];

  function submit(event: FormEvent) {
    event.preventDefault();
    setPosted(null);
    count.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <h1 className="text-2xl font-bold">{t('stockCount.title')}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <WarehousePicker
          id="warehouse"
          value={warehouseId}
          onChange={(id) => {
            setWarehouseId(id);
            setBinId('');
          }}
          error={fields.warehouse_id}
        />
        <BinPicker
          id="count-bin"
          warehouseId={warehouseId}
          value={binId}
          onChange={setBinId}
          error={binError}
          required
        />
        <FormField id="count-reference" label={t('stock.reference')} error={fields.reference_number}>
          <Input
            id="count-reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            {...invalid('count-reference', fields.reference_number)}
          />
        </FormField>
      </div>
      <p className="text-sm text-muted-foreground">{t('stockCount.hint')}</p>
      <ScanField ref={scanField} onScan={(scan) => void onScan(scan)} />
      {notice ? <Alert>{notice}</Alert> : null}
      {count.error ? <Alert variant="destructive">{formErrorOf(count.error, t)}</Alert> : null}
      {posted ? <CountResult result={posted.result} products={posted.products} /> : null}
      <ul className="flex flex-col gap-3" aria-label={t('stock.lines')}>
        {lines.map((line, i) => (
          <li key={line.key}>
            <CountLine
              index={i}
              line={line}
              warehouseId={warehouseId}
              bin={bin}
              errors={fields}
              onChange={(changed) => setLines((current) => current.map((l, j) => (j === i ? changed : l)))}
              onRemove={() => setLines((current) => current.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ul>
      <div>
        <Button type="submit" size="lg" disabled={count.isPending || lines.length === 0}>
          {t('stockCount.post', { count: lines.length })}
        </Button>
      </div>
    </form>
  );
}
