import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { AdminController } from './admin.controller.js';
import { ReindexService } from './reindex.service.js';

/** Maintenance operations behind the admin key. */
@Module({ imports: [SearchModule], controllers: [AdminController], providers: [ReindexService] })
export class AdminModule {}
