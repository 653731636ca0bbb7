import { fileURLToPath } from 'node:url';

/** The knowledge/ folder shipped with the package (two levels up from src/ or dist/ modules). */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
