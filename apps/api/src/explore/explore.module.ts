import { Module } from '@nestjs/common';
import { ExploreController } from './explore.controller.js';

/** The graph explorer page at /explore (static files only; the page uses the public REST and GraphQL API). */
@Module({ controllers: [ExploreController] })
export class ExploreModule {}
