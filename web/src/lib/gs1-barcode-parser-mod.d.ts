declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    ai: string;
    dataTitle: string;
    data: string | number | Date;
    unit: string;
    raw: string;
    isoDate: string;
  }
  export function parseBarcode(code: string): { codeName: string; parsedCodeItems: ParsedElement[] };
}
