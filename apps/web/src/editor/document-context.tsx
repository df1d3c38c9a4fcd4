// React binding of the document store: a context per open graph and `useDocument(selector)`.
import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { DocumentState, DocumentStore } from './document-store';

const DocumentStoreContext = createContext<DocumentStore | null>(null);

export function DocumentStoreProvider({ store, children }: { store: DocumentStore; children: ReactNode }) {
  return <DocumentStoreContext.Provider value={store}>{children}</DocumentStoreContext.Provider>;
}

/** The store itself, for actions and for reading state in event handlers without subscribing. */
export function useDocumentStore(): DocumentStore {
  const store = useContext(DocumentStoreContext);
  if (!store) throw new Error('useDocumentStore needs a <DocumentStoreProvider> above it.');
  return store;
}

/**
 * A slice of the open document's state; re-renders only when the slice changes (compared with Object.is).
 * Select primitives or stable objects, or wrap the selector in `useShallow`.
 */
export function useDocument<T>(selector: (state: DocumentState) => T): T {
  return useStore(useDocumentStore(), selector);
}
