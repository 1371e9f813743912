import type { ConsoleSession } from '../../../shared/console';
import { CatalogueAdmin } from './CatalogueFiles';
import { CatalogueListWithData } from './CatalogueListWithData';
import { ItemEditor } from './ItemEditor';

/**
 * Catalogue management: the list with search (#/catalogue, CatalogueListWithData.tsx and CatalogueList.tsx), the item
 * editor with a kiosk preview (#/catalogue/new-course, #/catalogue/new-service,
 * #/catalogue/<id>, ItemEditor.tsx), and the file import and export below the list
 * (CatalogueFiles.tsx). The form validates with the same shared schema as the server
 * (draft.ts); the server checks again and decides who may change what.
 */
export function CatalogueScreen({ session, route }: { session: ConsoleSession; route: string }) {
  const target = route.split('/')[2];
  if (target) return <ItemEditor key={target} session={session} target={target} />;
  return (
    <>
      <CatalogueListWithData />
      <CatalogueAdmin session={session} />
    </>
  );
}
