/**
 * The tables of HSDS 3.0's Tabular Data Package: resource name, CSV file, and each field with
 * its Table Schema type, format, whether it is required and its allowed values, in the order
 * of the official datapackage.json (openreferral/specification, branch 3.0), and the foreign
 * keys. Field order here is the order Inloop writes, in CSV columns and JSON objects alike, so
 * an export is the same bytes every time. The tests compare this with the official descriptor.
 */

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'time' | 'datetime' | 'object' | 'array';

export interface FieldDef {
  name: string;
  type: FieldType;
  format?: 'uuid' | 'email' | 'uri';
  required?: true;
  enum?: readonly string[];
}

export interface TableDef {
  /** Resource name, e.g. 'service'. */
  name: string;
  /** CSV file, e.g. 'services.csv'. */
  path: string;
  fields: readonly FieldDef[];
  /** Field → the table whose id it names. */
  foreignKeys: Readonly<Record<string, string>>;
}

export const HSDS_TABLES = [
  {
    name: 'organization',
    path: 'organizations.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string', required: true },
      { name: 'email', type: 'string', format: 'email' },
      { name: 'website', type: 'string', format: 'uri' },
      { name: 'tax_status', type: 'string' },
      { name: 'tax_id', type: 'string' },
      { name: 'year_incorporated', type: 'number' },
      { name: 'legal_status', type: 'string' },
      { name: 'logo', type: 'string' },
      { name: 'uri', type: 'string', format: 'uri' },
      { name: 'parent_organization_id', type: 'string', format: 'uuid' },
    ],
    foreignKeys: {},
  },
  {
    name: 'program',
    path: 'programs.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string', required: true },
    ],
    foreignKeys: { organization_id: 'organization' },
  },
  {
    name: 'service',
    path: 'services.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', required: true },
      { name: 'program_id', type: 'string', format: 'uuid' },
      { name: 'name', type: 'string', required: true },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'url', type: 'string', format: 'uri' },
      { name: 'email', type: 'string', format: 'email' },
      { name: 'status', type: 'string', required: true, enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      { name: 'interpretation_services', type: 'string' },
      { name: 'application_process', type: 'string' },
      { name: 'fees_description', type: 'string' },
      { name: 'wait_time', type: 'string' },
      { name: 'fees', type: 'string' },
      { name: 'accreditations', type: 'string' },
      { name: 'eligibility_description', type: 'string' },
      { name: 'minimum_age', type: 'number' },
      { name: 'maximum_age', type: 'number' },
      { name: 'assured_date', type: 'date' },
      { name: 'assurer_email', type: 'string', format: 'email' },
      { name: 'licenses', type: 'string' },
      { name: 'alert', type: 'string' },
      { name: 'last_modified', type: 'datetime' },
    ],
    foreignKeys: { organization_id: 'organization', program_id: 'program' },
  },
  {
    name: 'attribute',
    path: 'attributes.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'link_id', type: 'string', format: 'uuid', required: true },
      { name: 'taxonomy_term_id', type: 'string', format: 'uuid', required: true },
      { name: 'link_type', type: 'string' },
      { name: 'link_entity', type: 'string', required: true },
      { name: 'value', type: 'string' },
    ],
    foreignKeys: { taxonomy_term_id: 'taxonomy_term' },
  },
  {
    name: 'service_at_location',
    path: 'service_at_location.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid', required: true },
      { name: 'description', type: 'string' },
    ],
    foreignKeys: { service_id: 'service', location_id: 'location' },
  },
  {
    name: 'location',
    path: 'locations.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_type', type: 'string', required: true, enum: ['physical', 'postal', 'virtual'] },
      { name: 'url', type: 'string', format: 'uri' },
      { name: 'organization_id', type: 'string', format: 'uuid' },
      { name: 'name', type: 'string' },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'transportation', type: 'string' },
      { name: 'latitude', type: 'number' },
      { name: 'longitude', type: 'number' },
      { name: 'external_identifier', type: 'string' },
      { name: 'external_identifier_type', type: 'string' },
    ],
    foreignKeys: { organization_id: 'organization' },
  },
  {
    name: 'phone',
    path: 'phones.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid' },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'organization_id', type: 'string', format: 'uuid' },
      { name: 'contact_id', type: 'string', format: 'uuid' },
      { name: 'service_at_location_id', type: 'string', format: 'uuid' },
      { name: 'number', type: 'string', required: true },
      { name: 'extension', type: 'number' },
      { name: 'type', type: 'string' },
      { name: 'description', type: 'string' },
    ],
    foreignKeys: {
      contact_id: 'contact',
      location_id: 'location',
      organization_id: 'organization',
      service_id: 'service',
      service_at_location_id: 'service_at_location',
    },
  },
  {
    name: 'contact',
    path: 'contacts.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid' },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'service_at_location_id', type: 'string', format: 'uuid' },
      { name: 'location_id', type: 'string', format: 'uuid' },
      { name: 'name', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'department', type: 'string' },
      { name: 'email', type: 'string', format: 'email' },
    ],
    foreignKeys: {
      location_id: 'location',
      organization_id: 'organization',
      service_id: 'service',
      service_at_location_id: 'service_at_location',
    },
  },
  {
    name: 'address',
    path: 'addresses.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid' },
      { name: 'attention', type: 'string' },
      { name: 'address_1', type: 'string', required: true },
      { name: 'address_2', type: 'string' },
      { name: 'city', type: 'string', required: true },
      { name: 'region', type: 'string' },
      { name: 'state_province', type: 'string', required: true },
      { name: 'postal_code', type: 'string', required: true },
      { name: 'country', type: 'string', required: true },
      { name: 'address_type', type: 'string', required: true, enum: ['physical', 'postal', 'virtual'] },
    ],
    foreignKeys: { location_id: 'location' },
  },
  {
    name: 'schedule',
    path: 'schedules.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'location_id', type: 'string', format: 'uuid' },
      { name: 'service_at_location_id', type: 'string', format: 'uuid' },
      { name: 'valid_from', type: 'date' },
      { name: 'valid_to', type: 'date' },
      { name: 'dtstart', type: 'date' },
      { name: 'timezone', type: 'number' },
      { name: 'until', type: 'date' },
      { name: 'count', type: 'number' },
      { name: 'wkst', type: 'string', enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] },
      { name: 'freq', type: 'string', enum: ['WEEKLY', 'MONTHLY'] },
      { name: 'interval', type: 'number' },
      { name: 'byday', type: 'string' },
      { name: 'byweekno', type: 'string' },
      { name: 'bymonthday', type: 'string' },
      { name: 'byyearday', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'opens_at', type: 'time' },
      { name: 'closes_at', type: 'time' },
      { name: 'schedule_link', type: 'string', format: 'uri' },
      { name: 'attending_type', type: 'string' },
      { name: 'notes', type: 'string' },
    ],
    foreignKeys: { location_id: 'location', service_id: 'service', service_at_location_id: 'service_at_location' },
  },
  {
    name: 'funding',
    path: 'funding.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid' },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'source', type: 'string' },
    ],
    foreignKeys: { organization_id: 'organization', service_id: 'service' },
  },
  {
    name: 'service_area',
    path: 'service_areas.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'name', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'extent', type: 'string' },
      { name: 'extent_type', type: 'string' },
      { name: 'uri', type: 'string' },
    ],
    foreignKeys: { service_id: 'service' },
  },
  {
    name: 'required_document',
    path: 'required_documents.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'document', type: 'string' },
      { name: 'uri', type: 'string', format: 'uri' },
    ],
    foreignKeys: { service_id: 'service' },
  },
  {
    name: 'language',
    path: 'languages.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid' },
      { name: 'location_id', type: 'string', format: 'uuid' },
      { name: 'phone_id', type: 'string', format: 'uuid' },
      { name: 'name', type: 'string' },
      { name: 'code', type: 'string' },
      { name: 'note', type: 'string' },
    ],
    foreignKeys: { location_id: 'location', phone_id: 'phone', service_id: 'service' },
  },
  {
    name: 'accessibility',
    path: 'accessibility.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid' },
      { name: 'description', type: 'string' },
      { name: 'details', type: 'string' },
      { name: 'url', type: 'string', format: 'uri' },
    ],
    foreignKeys: { location_id: 'location' },
  },
  {
    name: 'taxonomy_term',
    path: 'taxonomy_terms.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'code', type: 'string' },
      { name: 'name', type: 'string', required: true },
      { name: 'description', type: 'string', required: true },
      { name: 'parent_id', type: 'string', format: 'uuid' },
      { name: 'taxonomy', type: 'string' },
      { name: 'language', type: 'string' },
      { name: 'taxonomy_id', type: 'string', format: 'uuid' },
      { name: 'term_uri', type: 'string', format: 'uri' },
    ],
    foreignKeys: { taxonomy_id: 'taxonomy' },
  },
  {
    name: 'metadata',
    path: 'metadata.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'resource_id', type: 'string', format: 'uuid', required: true },
      { name: 'resource_type', type: 'string', required: true },
      { name: 'last_action_date', type: 'date', required: true },
      { name: 'last_action_type', type: 'string', required: true },
      { name: 'field_name', type: 'string', required: true },
      { name: 'previous_value', type: 'string', required: true },
      { name: 'replacement_value', type: 'string', required: true },
      { name: 'updated_by', type: 'string', required: true },
    ],
    foreignKeys: {},
  },
  {
    name: 'meta_table_description',
    path: 'meta_table_descriptions.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string' },
      { name: 'language', type: 'string' },
      { name: 'character_set', type: 'string' },
    ],
    foreignKeys: {},
  },
  {
    name: 'cost_option',
    path: 'cost_options.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', required: true },
      { name: 'valid_from', type: 'date' },
      { name: 'valid_to', type: 'date' },
      { name: 'option', type: 'string' },
      { name: 'currency', type: 'string' },
      { name: 'amount', type: 'number' },
      { name: 'amount_description', type: 'string' },
    ],
    foreignKeys: { service_id: 'service' },
  },
  {
    name: 'organization_identifier',
    path: 'organization_identifiers.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', required: true },
      { name: 'identifier_scheme', type: 'string' },
      { name: 'identifier_type', type: 'string', required: true },
      { name: 'identifier', type: 'string', required: true },
    ],
    foreignKeys: { organization_id: 'organization' },
  },
  {
    name: 'taxonomy',
    path: 'taxonomies.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'description', type: 'string', required: true },
      { name: 'uri', type: 'string', format: 'uri' },
      { name: 'version', type: 'string' },
    ],
    foreignKeys: {},
  },
] as const satisfies readonly TableDef[];

const ALL: readonly TableDef[] = HSDS_TABLES;

export type TableName = (typeof HSDS_TABLES)[number]['name'];

export const TABLE = Object.fromEntries(ALL.map((t) => [t.name, t])) as unknown as Record<TableName, TableDef>;
