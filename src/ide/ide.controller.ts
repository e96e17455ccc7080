import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IDE_ASSETS_PATH, ideAssets, type IdeAsset } from './ide-assets.js';

@Controller(IDE_ASSETS_PATH.slice(1))
export class IdeController {
  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!Object.hasOwn(ideAssets, file)) throw new NotFoundException();
    const { path, type } = ideAssets[file as IdeAsset];
    res.type(type).sendFile(path, { maxAge: '1d' });
  }
}
