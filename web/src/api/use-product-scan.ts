import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorOf } from '../lib/api-errors';
import type { Scan } from '../lib/gs1';
import { findProductByCode, type Product } from './queries';

/**
 * A scan looked up as a product, the one way every scanning form does it: `onFound` gets the
 * product with the scan (lot, expiry, count); an unknown code, or a lookup or `onFound` that
 * failed (the session ended, the server is away), is said in `notice`, never dropped.
 */
export function useProductScan(onFound: (product: Product, scan: Scan) => void | Promise<void>) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  async function lookUp(scan: Scan) {
    setNotice(null);
    try {
      const product = await findProductByCode(scan.code);
      if (product) await onFound(product, scan);
      else setNotice(t('scan.unknown', { code: scan.code }));
    } catch (error) {
      setNotice(formErrorOf(error, t));
    }
  }
  return { notice, setNotice, onScan: (scan: Scan) => lookUp(scan) };
}
