/**
 * zod with `.openapi()`: every schema the API validates with also describes it in the OpenAPI
 * document (@asteasolutions/zod-to-openapi). Import `z` from here, never from 'zod' directly, so
 * the extension is in place before any schema is built.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
