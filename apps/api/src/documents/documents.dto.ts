import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_DOCUMENT_CHARS } from '../ingest/ingest.service.js';

export class IngestDocumentBody {
  @ApiProperty({ description: 'File name of the notes; the same name again replaces that document', example: 'k8s-notes.txt', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f]+$/, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({
    description: 'The notes text (Markdown or the plain notes format); up to the 1 MiB request body limit',
    example: '# Service\n\nA Service of type ClusterIP gets a virtual IP.\n',
  })
  @IsString() @IsNotEmpty() @MaxLength(MAX_DOCUMENT_CHARS)
  // PostgreSQL text cannot hold NUL; refused here rather than failing inside the transaction.
  @Matches(/^[^\u0000]*$/, { message: 'content must not contain NUL characters' })
  content: string;
}
