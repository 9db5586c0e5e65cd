import { parseBarcode } from 'gs1-barcode-parser-mod';

/** What one scan says: a product code to look up, and from a GS1 element string its lot, expiry and count. */
export interface Scan {
  /** EAN-8, UPC-A, EAN-13 or GTIN-14 as scanned, or the GTIN of AI 01. */
  code: string;
  lot?: string;
  /** ISO date (AI 17), the day the label says. */
  expiry?: string;
  /** AI 30 (variable count) or 37 (count of trade items). */
  quantity?: string;
  /** Whether it was a GS1 element string rather than a plain code. */
  gs1: boolean;
}

const PLAIN_CODE = /^(\d{8}|\d{12,14})$/;

/**
 * Reads what a keyboard-wedge scanner typed: a plain EAN/UPC/GTIN (or a SKU typed by hand), or a
 * GS1-128 / DataMatrix element string, with its symbology prefix (`]C1`, `]d2`), FNC1 as the GS
 * character, or in the printed form with bracketed AIs.
 */
export function parseScan(input: string): Scan {
  const raw = input.trim();
  if (PLAIN_CODE.test(raw)) return { code: raw, gs1: false };
  let elements: ReturnType<typeof parseBarcode>['parsedCodeItems'];
  try {
    elements = parseBarcode(raw).parsedCodeItems;
  } catch {
    return { code: raw, gs1: false };
  }
  const scan: Scan = { code: '', gs1: true };
  for (const element of elements) {
    if (element.ai === '01' || element.ai === '02') scan.code = String(element.data);
    else if (element.ai === '10') scan.lot = String(element.data);
    else if (element.ai === '17') scan.expiry = element.isoDate;
    else if (element.ai === '30' || element.ai === '37') scan.quantity = String(Number(element.data));
  }
  return scan;
}

/**
 * The forms a GTIN is stored in: a product's barcode is its EAN-13 or UPC-A, while AI 01 carries
 * the same number padded to 14 digits.
 */
export function barcodeCandidates(code: string): string[] {
  if (!/^\d{14}$/.test(code)) return [code];
  const candidates = [code];
  if (code.startsWith('0')) candidates.push(code.slice(1));
  if (code.startsWith('00')) candidates.push(code.slice(2));
  if (code.startsWith('000000')) candidates.push(code.slice(6));
  return candidates;
}
