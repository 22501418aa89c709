import { Inject, Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MAX_MANIFEST_CHARS } from '../../../../seed/manifests/index.js';
import { BadParameterError } from '../common/problems.js';
import { ManifestsService } from '../manifests/manifests.service.js';
import { LOGGER } from '../common/logger.js';
import { RetrievalService } from '../retrieval/retrieval.service.js';
import type { McpContext } from './mcp-context.js';
import { toMcpError } from './mcp-errors.js';
import { answerWithCitationsText, explainManifestText, unparsableManifestText } from './prompt-text.js';

/** Passages an answer is built from: enough to cover a question, few enough to read. */
const ANSWER_PASSAGES = 6;

/** Prompts a client offers its user: each runs the knowledge base first and hands the model what it found. */
@Injectable()
export class KnowledgePrompts {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly manifests: ManifestsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  register(server: McpServer, context: McpContext): void {
    const run = (work: () => Promise<GetPromptResult>) => this.guard(async () => {
      await context.ready;
      return work();
    });

    server.registerPrompt('answer_with_citations', {
      title: 'Answer from the notes, with citations',
      description: 'Retrieves the passages of the notes that answer a question and asks for an answer citing each claim (document and lines).',
      argsSchema: { question: z.string().min(1).max(1000).describe('The question, in Chinese, English or both') },
    }, ({ question }) => run(async () => {
      const result = await this.retrieval.retrieve({ query: question, topK: ANSWER_PASSAGES });
      return userMessage(`Answer "${question}" from the notes`, answerWithCitationsText(question, result));
    }));

    server.registerPrompt('explain_manifest', {
      title: 'Explain a manifest\'s findings',
      description: 'Checks pasted Kubernetes YAML (schema, unknown fields, removed and deprecated APIs, with the converted manifest) and asks for an explanation of each finding.',
      argsSchema: {
        manifest: z.string().min(1).max(MAX_MANIFEST_CHARS).describe('One or more Kubernetes manifests (YAML)'),
        kubernetesVersion: z.string().max(20).optional().describe('Judge deprecations at this release, e.g. "1.25"; default the newest known'),
      },
    }, ({ manifest, kubernetesVersion }) => run(async () => {
      try {
        const result = await this.manifests.check(manifest, kubernetesVersion);
        return userMessage('Explain the findings of a manifest check', explainManifestText(result, kubernetesVersion));
      } catch (error) {
        // YAML that does not parse is worth explaining too; the check names its line.
        const { param, line, column } = error instanceof BadParameterError ? (error.extensions as { param?: string; line?: number; column?: number }) : {};
        if (param === 'yaml' && typeof line === 'number') {
          return userMessage('Explain why a manifest does not parse', unparsableManifestText({ message: error instanceof Error ? error.message : String(error), line, column: column ?? 1 }));
        }
        if (error instanceof BadParameterError) throw new McpError(ErrorCode.InvalidParams, error.message);
        throw error;
      }
    }));
  }

  private async guard(work: () => Promise<GetPromptResult>): Promise<GetPromptResult> {
    try {
      return await work();
    } catch (error) {
      throw toMcpError(error, this.logger, ErrorCode.InvalidParams);
    }
  }
}

function userMessage(description: string, text: string): GetPromptResult {
  return { description, messages: [{ role: 'user', content: { type: 'text', text } }] };
}
