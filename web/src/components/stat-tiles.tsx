import { Card, CardContent } from './ui/card';

/** Figures as tiles: a label and a big number each, in a grid that folds to two columns on a phone. */
export function StatTiles({ label, tiles }: { label?: string; tiles: { label: string; value: string }[] }) {
  return (
    <ul className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label={label}>
      {tiles.map((tile) => (
        <li key={tile.label}>
          <Card className="h-full">
            <CardContent className="pt-4">
              <p className="text-sm text-muted-foreground">{tile.label}</p>
              <p className="text-2xl font-bold">{tile.value}</p>
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
