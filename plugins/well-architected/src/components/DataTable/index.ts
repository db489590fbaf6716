export { DataTable, SystemCells } from './DataTable';
