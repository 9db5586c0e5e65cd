export async function seedDemoCommand(): Promise<void> {}
