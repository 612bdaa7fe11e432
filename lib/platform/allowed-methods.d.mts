export const ALLOWED_METHODS: readonly string[];
