import { bioflocDemo } from './biofloc-demo.js';
import type { DemoState } from './demo-state.js';
import { dispatchDemo } from './dispatch-demo.js';

/**
 * Demo data of a module that builds on the core site: it runs after the core history, with the
 * warehouses, products, partners and the client of the core (`state.client`, `state.data`), and
 * posts through the API like the rest. A module with its own sample data (dispatch, biofloc)
 * adds one entry to `DEMO_EXTENSIONS`.
 */
export interface DemoExtension {
  /** Its module, shown in the progress and the closing line. */
  name: string;
  load(state: DemoState): Promise<void>;
}

export const DEMO_EXTENSIONS: DemoExtension[] = [dispatchDemo, bioflocDemo];
