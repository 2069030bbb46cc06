/** Kept while imports move to views/text (issue 13); the text itself is in views/text/. */
export * from './text/index';
