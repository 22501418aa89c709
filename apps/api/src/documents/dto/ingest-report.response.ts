import { ApiProperty } from '@nestjs/swagger';
import type { IngestReport, IngestStatus } from '../../ingest/ingest.types.js';

export class IngestedDocumentDto {
  @ApiProperty({ example: 'k8s-notes.txt' })
  name: string;

  @ApiProperty({ example: 'k8s-notes' })
  slug: string;
}

export class IngestReportDto implements IngestReport {
  @ApiProperty({ type: IngestedDocumentDto })
  document: IngestedDocumentDto;

  @ApiProperty({ enum: ['added', 'replaced', 'unchanged'], description: 'A new name, new content for a known name, or the same content again (nothing written)', example: 'added' })
  status: IngestStatus;

  @ApiProperty({ description: 'True when the same content was already stored and nothing was written', example: false })
  unchanged: boolean;

  @ApiProperty({ description: 'Topics the document now has', example: 31 })
  topics: number;

  @ApiProperty({ description: 'Snippets written (0 when unchanged)', example: 54 })
  snippets: number;

  @ApiProperty({ description: 'Entity mentions written (0 when unchanged)', example: 210 })
  mentions: number;
}
