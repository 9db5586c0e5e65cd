import { type KeyboardEvent, useEffect, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { parseScan, type Scan } from '../lib/gs1';
import { Input } from './ui/input';
import { Label } from './ui/label';

export interface ScanFieldHandle {
  focus: () => void;
}

/**
 * The field a keyboard-wedge scanner types into: it ends each scan with Enter, the text is parsed
 * (EAN/UPC or a GS1 element string) and handed on, and the field is cleared and keeps the focus.
 */
export function ScanField({
  onScan,
  ref,
  id = 'scan',
}: {
  onScan: (scan: Scan) => void;
  ref?: React.Ref<ScanFieldHandle>;
  /** Unique on the page: a second scan field (a form within a page) needs its own. */
  id?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }));
  useEffect(() => input.current?.focus(), []);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const value = event.currentTarget.value;
    event.currentTarget.value = '';
    if (value.trim()) onScan(parseScan(value));
    input.current?.focus();
  }

  return (
    <div className="flex flex-col gap-1.5 rounded-md border-2 border-dashed border-primary p-3">
      <Label htmlFor={id}>{t('scan.label')}</Label>
      <Input
        id={id}
        ref={input}
        autoComplete="off"
        placeholder={t('scan.placeholder')}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
