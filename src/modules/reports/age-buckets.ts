/** The aging report's buckets of days on hand: 0–30, 31–90, 91–180, over 180. */
export const AGE_BUCKETS = ['0_30', '31_90', '91_180', 'over_180'] as const;
