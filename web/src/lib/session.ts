// Who is signed in: the token (sessionStorage) and what /v1/me says its role
// allows. The UI shows only what the role can do: a reader sees no decision
// buttons, only an admin sees list uploads and the audit log.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './api';

export interface Session {
  me: Me;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in view');
  return s;
}

// Whether the signed-in role has the rights of `role`.
export function useAllows(role: 'reader' | 'screener' | 'analyst' | 'admin'): boolean {
  return useSession().me.allows[role] === true;
}
