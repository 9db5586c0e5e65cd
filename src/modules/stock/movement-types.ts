/** Every movement type of the ledger and which way it moves stock. */
export const MOVEMENT_TYPES = {
  receipt: 'in',
  issue: 'out',
  adjustment: 'signed',
  damaged: 'out',
  return: 'in',
  transfer_out: 'out',
  transfer_in: 'in',
  production_consume: 'out',
  production_output: 'in',
  dispatch: 'out',
  dispatch_return: 'in',
  count: 'signed',
} as const;
export type MovementType = keyof typeof MOVEMENT_TYPES;

/** What `POST /stock-movements` accepts; the other types are posted by their documents. */
export const DIRECT_TYPES = [
  'receipt',
  'issue',
  'adjustment',
  'damaged',
  'return',
  'transfer_in',
  'transfer_out',
] as const;

/** Seed 004's names. */
export const TYPE_ALIASES: Record<string, MovementType> = {
  purchase: 'receipt',
  sale: 'issue',
  scrap: 'damaged',
};

export const DIRECT_TYPE_INPUTS = [...DIRECT_TYPES, ...Object.keys(TYPE_ALIASES)];

/** Outbound types that are write-offs: they may take expired stock without being forced. */
export const WRITE_OFF_TYPES: MovementType[] = ['damaged', 'adjustment', 'count'];

export function canonicalType(name: string): MovementType {
  return (TYPE_ALIASES[name] ?? name) as MovementType;
}
