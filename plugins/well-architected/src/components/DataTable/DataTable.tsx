import { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';

/**
 * A small table, named `label` for screen readers: one head row of the `head` cells, then the
 * `children` rows.
 */
export function DataTable(props: {
  label: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>{props.head}</TableRow>
      </TableHead>
      <TableBody>{props.children}</TableBody>
    </Table>
  );
}

/** The first cells of a System's row: the System, as the row's header, and its owner. */
export function SystemCells(props: {
  system: { entityRef: string; name: string; ownerRef?: string };
}) {
  const { entityRef, name, ownerRef } = props.system;
  return (
    <>
      <TableCell component="th" scope="row">
        <EntityRefLink entityRef={entityRef} title={name} />
      </TableCell>
      <TableCell>
        {ownerRef && <EntityRefLink entityRef={ownerRef} />}
      </TableCell>
    </>
  );
}
