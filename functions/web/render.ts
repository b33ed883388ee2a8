import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page component to a complete HTML document. Preact escapes every text and attribute value. */
export const renderDocument = (page: VNode): string => `<!DOCTYPE html>${renderToString(page)}`;
