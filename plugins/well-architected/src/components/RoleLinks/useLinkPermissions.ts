import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { roleLinkResourceRef } from 'backstage-plugin-well-architected-common';

/** A link between a role and a Group, made or to be made. */
export interface LinkRef {
  roleId: string;
  groupRef: string;
}

/**
 * Which of the given links the policy lets the current user change with `permission`. Each link
 * is asked about with its resource ref, so a policy that decides per Group, role or pillar shows
 * the controls exactly where it allows them; the permission API sends the questions of one render
 * in one request.
 */
export function useLinkPermissions(
  permission: ResourcePermission,
  links: LinkRef[],
): { allows: (link: LinkRef) => boolean; loading: boolean } {
  const permissionApi = useApi(permissionApiRef);
  // The sorted refs are the key: a new array with the same links asks nothing again.
  const key = [...new Set(links.map(roleLinkResourceRef))].sort().join('\n');
  const { value, loading } = useAsync(async () => {
    const refs = key ? key.split('\n') : [];
    const answers = await Promise.all(
      refs.map(resourceRef =>
        permissionApi.authorize({ permission, resourceRef }),
      ),
    );
    return new Set(
      refs.filter((_, i) => answers[i].result === AuthorizeResult.ALLOW),
    );
  }, [permissionApi, permission, key]);
  return {
    allows: link => Boolean(value?.has(roleLinkResourceRef(link))),
    loading,
  };
}
