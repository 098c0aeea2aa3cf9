// Search attribute keys of every connector workflow (registered by the dev stack; documented for production).
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const SA_CONNECTOR_ID = defineSearchAttributeKey('ConnectorId', SearchAttributeType.KEYWORD);
export const SA_CONNECTOR_TYPE = defineSearchAttributeKey('ConnectorType', SearchAttributeType.KEYWORD);
export const SA_WORKSPACE_ID = defineSearchAttributeKey('WorkspaceId', SearchAttributeType.KEYWORD);
/** Set by Temporal itself on every workflow a Schedule starts: the time the tick was due. */
export const SA_SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);
export const SEARCH_ATTRIBUTE_NAMES = ['ConnectorId', 'ConnectorType', 'WorkspaceId'] as const;

export function connectorSearchAttributes(c: { id: string; type: string; workspace_id: string }): SearchAttributePair[] {
  return [
    { key: SA_CONNECTOR_ID, value: c.id },
    { key: SA_CONNECTOR_TYPE, value: c.type },
    { key: SA_WORKSPACE_ID, value: c.workspace_id },
  ];
}
